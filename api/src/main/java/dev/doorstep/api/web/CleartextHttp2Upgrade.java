package dev.doorstep.api.web;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpUtil;
import java.util.Map;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.http.server.HttpServer;

/**
 * An HTTP/1.1 request asking {@code Upgrade: h2c} with a body is answered over HTTP/1.1, as if it had not asked
 * (RFC 9113 lets a server ignore an upgrade): Netty would buffer the whole body before upgrading, and Reactor Netty
 * refuses any such body with a bare 413 (the JDK's HttpClient asks it on every first request of a connection).
 * Requests without a body upgrade as usual; prior knowledge is untouched.
 */
@Component
class CleartextHttp2Upgrade implements NettyServerCustomizer {

    private static final ChannelHandler IGNORE_UPGRADE_WITH_BODY = new IgnoreUpgradeWithBody();

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> {
            for (Map.Entry<String, ChannelHandler> handler : channel.pipeline()) {
                if (handler.getValue() instanceof HttpServerUpgradeHandler) {
                    channel.pipeline().addBefore(handler.getKey(), "doorstep.ignoreUpgradeWithBody",
                            IGNORE_UPGRADE_WITH_BODY);
                    return;
                }
            }
        });
    }

    @ChannelHandler.Sharable
    private static final class IgnoreUpgradeWithBody extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof HttpRequest request && request.headers().contains(HttpHeaderNames.UPGRADE)
                    && (request.decoderResult().isFailure() || hasBody(request))) {
                // A request the decoder refused (a Content-Length that is no number, say) is not upgraded either:
                // HTTP/1.1 answers it with a 400.
                request.headers().remove(HttpHeaderNames.UPGRADE).remove("HTTP2-Settings");
            }
            context.fireChannelRead(message);
        }

        private static boolean hasBody(HttpRequest request) {
            try {
                return HttpUtil.getContentLength(request, 0L) > 0 || HttpUtil.isTransferEncodingChunked(request);
            } catch (NumberFormatException notANumber) {
                return true;
            }
        }
    }
}
