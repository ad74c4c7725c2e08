/**
 * The cache-line padding superclass of the state that one thread writes on every allocation.
 *
 * <p>Internal: exported only to the project's own bundles and modules.
 */
@Export(attribute = "x-internal:=true")
@ExportTo({"org.lle.memory.pool", "org.lle.memory.secure.posix"})
@Version("1.0.0")
package org.lle.memory.internal.padding;

import aQute.bnd.annotation.jpms.ExportTo;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
