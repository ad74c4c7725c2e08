/**
 * The checks that the access views of pool blocks and secure buffers share: the range check of a transfer
 * between a view and a caller's array, and the messages of a secure buffer's access used when closed or from
 * another thread.
 *
 * <p>Internal: exported only to the project's own bundles and modules.
 */
@Export(attribute = "x-internal:=true")
@ExportTo({"org.lle.memory.pool", "org.lle.memory.secure.noop", "org.lle.memory.secure.posix"})
@Version("1.0.0")
package org.lle.memory.internal.access;

import aQute.bnd.annotation.jpms.ExportTo;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
