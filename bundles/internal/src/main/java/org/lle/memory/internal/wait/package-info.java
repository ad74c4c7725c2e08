/**
 * The one short wait of lle-memory: a closing thread waiting for calls in flight to leave (the pool's blocks,
 * the POSIX provider's arena slots) spins, then yields, then may park, and gives up at a limit, through
 * {@link org.lle.memory.internal.wait.SpinWait}.
 *
 * <p>Internal: exported only to the project's own bundles and modules.
 */
@Export(attribute = "x-internal:=true")
@ExportTo({"org.lle.memory.pool", "org.lle.memory.secure.posix"})
@Version("1.0.0")
package org.lle.memory.internal.wait;

import aQute.bnd.annotation.jpms.ExportTo;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
