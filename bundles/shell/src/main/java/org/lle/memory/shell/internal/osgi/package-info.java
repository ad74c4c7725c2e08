/**
 * The {@code lle:*} Gogo shell commands, as two Declarative Services components of one bundle, for any
 * OSGi host with a Gogo-compatible shell (the lle-memory launcher, Apache Karaf, Felix or Equinox with Gogo).
 *
 * <p>{@link org.lle.memory.shell.internal.osgi.LleCommandsComponent} ({@code lle:status}, {@code lle:doctor},
 * {@code lle:pools}, {@code lle:secret}) is always on. {@link org.lle.memory.shell.internal.osgi.DemoCommandsComponent}
 * ({@code lle:swap}, {@code lle:memfd}, {@code lle:soak}) stops, restarts or reconfigures the secure-memory
 * provider while secrets live in it, which can move every secret into degraded (unlocked) memory for a while.
 * So it is declared {@code enabled = false} and only the main component enables it, on activation, when the
 * framework property {@code lle.shell.demo} is {@code true} (Felix, hence Karaf, falls back to the system
 * property of that name). A framework property rather than a configuration: whoever starts the framework
 * decides it (the launcher sets it; Karaf and other hosts leave it unset), it is read once when the commands
 * activate, so turning it on later takes a deliberate restart of this bundle, and no configuration file that
 * happens to be deployed switches it. Neither component has a configuration of its own.
 *
 * <p>The bundle uses Gogo only through its runtime-retained {@code @Descriptor}/{@code @Parameter}
 * annotations, imported optionally; commands are plain public methods that a Gogo runtime calls by
 * reflection, and {@code System.in}/{@code System.out} are the calling session's while a command runs.
 */
package org.lle.memory.shell.internal.osgi;
