package dev.doorstep.api.web;

import dev.doorstep.dispatch.errors.FieldError;
import dev.doorstep.dispatch.errors.InvalidInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The path, query and form counterpart of {@link StorableInput}: a NUL character (sent as {@code %00}) in a path
 * segment, a query parameter or a form field is refused with a 400 naming it, before any handler or query sees it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class NulFreeParameters implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<FieldError> errors = new ArrayList<>();
        List<PathContainer.Element> elements = exchange.getRequest().getPath().pathWithinApplication().elements();
        for (PathContainer.Element element : elements) {
            if (element instanceof PathContainer.PathSegment segment && hasNul(segment.valueToMatch())) {
                errors.add(new FieldError("path", StorableInput.NUL_REASON));
                break;
            }
        }
        collect(exchange.getRequest().getQueryParams(), errors);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidInput(errors));
        }
        if (!MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(exchange.getRequest().getHeaders().getContentType())) {
            return chain.filter(exchange);
        }
        // The form is read once and kept by the exchange, so the handler reads it again for free.
        return exchange.getFormData().flatMap(form -> {
            collect(form, errors);
            return errors.isEmpty() ? chain.filter(exchange) : Mono.error(new InvalidInput(errors));
        });
    }

    private static void collect(MultiValueMap<String, String> parameters, List<FieldError> errors) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (hasNul(parameter.getKey()) || parameter.getValue().stream().anyMatch(NulFreeParameters::hasNul)) {
                errors.add(new FieldError(parameter.getKey().replace('\0', '?'), StorableInput.NUL_REASON));
            }
        }
    }

    private static boolean hasNul(String value) {
        return value != null && value.indexOf('\0') >= 0;
    }
}
