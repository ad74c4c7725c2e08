package org.lle.memory.secure.noop.internal.osgi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The service properties a host filters secure-memory providers on ({@code lle.secure.provider},
 * {@code lle.secure.degraded}, {@code lle.secure.capabilities}; see
 * {@link org.lle.memory.secure.SecureMemoryProperties}). bnd writes them into the component XML.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@interface SecureProviderProperties {
    String PREFIX_ = "lle.secure.";

    /** @return {@code lle.secure.provider} */
    String provider();

    /** @return {@code lle.secure.degraded} */
    boolean degraded();

    /** @return {@code lle.secure.capabilities}, names of {@link org.lle.memory.secure.SecureCapability} */
    String[] capabilities();
}
