/**
 * The service-provider interface through which {@link org.lle.memory.pool.MemoryPools} finds an
 * implementation on a plain classpath ({@link java.util.ServiceLoader}). Hosts never call it.
 */
@Export
@Version("1.0.0")
package org.lle.memory.pool.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
