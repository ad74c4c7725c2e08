/**
 * The one wipe of lle-memory: the pool's blocks, both secure-memory providers' buffers and their
 * {@code secureClear} all zero memory through {@link org.lle.memory.internal.wipe.Wipe}. Why it cannot be
 * optimised away, and why it needs no more than a release fence: docs/architecture.md, "Wiping".
 *
 * <p>Internal: exported only to the project's own bundles and modules.
 */
@Export(attribute = "x-internal:=true")
@ExportTo({"org.lle.memory.pool", "org.lle.memory.secure.noop", "org.lle.memory.secure.posix"})
@Version("1.0.0")
package org.lle.memory.internal.wipe;

import aQute.bnd.annotation.jpms.ExportTo;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
