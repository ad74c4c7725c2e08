/**
 * Monitoring of lle-memory through JMX: MXBean interfaces for the memory pools and secure memory, and
 * {@link org.lle.memory.monitoring.LleMBeans}, which registers them on the platform MBean server on a plain
 * class path. In OSGi the bundle's own component registers them while the services run.
 *
 * <p>Every name is under the domain {@value org.lle.memory.monitoring.LleMBeans#DOMAIN}; every attribute is
 * read from the service at the moment it is asked for (nothing is cached).
 */
@Export
@Version("1.0.0")
package org.lle.memory.monitoring;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
