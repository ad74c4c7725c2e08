/**
 * The JDK Flight Recorder event types of lle-memory: one way to define them ({@link
 * org.lle.memory.internal.jfr.EventDefinition}) and the one {@link org.lle.memory.internal.jfr.DegradationEvent}
 * that both secure-memory providers' views (the POSIX provider's own, the broker's) record.
 *
 * <p>Internal: exported only to the project's own bundles and modules.
 */
@Export(attribute = "x-internal:=true")
@ExportTo({"org.lle.memory.pool", "org.lle.memory.secure.posix", "org.lle.memory.secure.broker",
        "org.lle.memory.monitoring"})
@Version("1.0.0")
package org.lle.memory.internal.jfr;

import aQute.bnd.annotation.jpms.ExportTo;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
