package dev.doorstep.api.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/** Present only in development mode with no external issuer configured: the local issuer and its endpoints. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ConditionalOnExpression("'${doorstep.security.issuer-uri:}'.isBlank() and ${doorstep.dev-mode:false}")
@interface ConditionalOnLocalIssuer {
}
