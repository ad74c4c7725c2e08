/**
 * The service-provider interface through which {@link org.lle.memory.secure.line.SecretLines#factory()} finds
 * the secret-line implementation on a plain classpath ({@link java.util.ServiceLoader}). Hosts never call it.
 */
@Export
@Version("1.0.0")
package org.lle.memory.secure.line.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
