package io.grapevine.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Puts a service behind Grapevine's sign-in and access rules; the service starts only
 * when someone can sign in.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import({ GrapevineSecurityConfiguration.class, ManagementPortAccess.class })
public @interface EnableGrapevineSecurity {

}
