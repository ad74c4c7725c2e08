/**
 * The work behind the {@code lle:*} Gogo shell commands, free of DS and Gogo: {@link
 * org.lle.memory.shell.internal.LleCommands} ({@code lle:status}, {@code lle:doctor}, {@code lle:pools},
 * {@code lle:secret}) and {@link org.lle.memory.shell.internal.DemoCommands} ({@code lle:swap}, {@code lle:memfd},
 * {@code lle:soak}), each command's report or run in a class of its own. The DS components that make them Gogo
 * commands are in {@code org.lle.memory.shell.internal.osgi}.
 */
package org.lle.memory.shell.internal;
