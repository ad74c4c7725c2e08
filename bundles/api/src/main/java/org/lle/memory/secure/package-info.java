/**
 * Secure memory (LLE Spec 15, minimal secure mode and beyond): lock regions in RAM, wipe them so that
 * no compiler can drop the wipe, and allocate buffers kept out of swap, core dumps and forked children.
 *
 * <p>On a plain classpath start with {@link org.lle.memory.secure.SecureMemories#detect()}; in OSGi bind
 * the {@link org.lle.memory.secure.SecureMemory} service (the best provider wins by ranking), or
 * {@link org.lle.memory.secure.SecureMemoryBroker} for buffers that survive a provider swap.
 */
@Export
@Version("1.0.0")
package org.lle.memory.secure;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
