/**
 * Typed memory pools: pool types, size classes, allocation strategies,
 * pool selection, the memory state machine and exact statistics.
 *
 * <p>On a plain classpath start with {@link org.lle.memory.pool.MemoryPools#create(PoolConfig)};
 * in OSGi bind the {@link org.lle.memory.pool.MemoryPoolSystem} service.
 */
@Export
@Version("1.0.0")
package org.lle.memory.pool;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
