/**
 * Reading the kernel's view of this process from {@code /proc}: locked memory, resident memory, mappings,
 * capabilities. An unreadable file (no Linux, a sandbox) is an empty result, never an exception.
 *
 * <p>Internal: exported only to the project's own bundles and modules.
 */
@Export(attribute = "x-internal:=true")
@ExportTo({"org.lle.memory.secure.posix", "org.lle.memory.shell"})
@Version("1.0.0")
package org.lle.memory.internal.proc;

import aQute.bnd.annotation.jpms.ExportTo;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
