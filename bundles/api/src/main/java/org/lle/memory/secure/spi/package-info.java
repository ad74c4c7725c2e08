/**
 * The service-provider interface through which {@link org.lle.memory.secure.SecureMemories#detect()}
 * finds providers on a plain classpath ({@link java.util.ServiceLoader}). Hosts never call it.
 */
@Export
@Version("1.0.0")
package org.lle.memory.secure.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
