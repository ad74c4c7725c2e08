/**
 * A line of secret text (a passphrase, a token, a PIN) that a person types and edits, held as UTF-8 in
 * secure memory from the first keystroke to the last use.
 *
 * <p>A {@link org.lle.memory.secure.line.SecretLine} is a small editor: insert at the cursor, delete, move,
 * the usual line-editor kills (Ctrl-U, Ctrl-K, Ctrl-W). It keeps no undo history, no kill ring and no copy
 * of the text outside secure memory. The text leaves it only by ways that keep the guarantee: comparison in
 * constant time, a copy into another {@link org.lle.memory.secure.SecureBuffer}, or a scoped
 * {@code char[]}/{@code byte[]} that is wiped when the scope ends.
 *
 * <p>In OSGi bind the {@link org.lle.memory.secure.line.SecretLineFactory} service; on a plain classpath start
 * with {@link org.lle.memory.secure.line.SecretLines#factory()}. A host line editor that reads keys itself feeds
 * them into a line with {@link org.lle.memory.secure.line.SecretLine#insert(int)} or
 * {@link org.lle.memory.secure.line.SecretLine#insertUtf8(byte)}; a host that wants the whole job done binds a
 * {@link org.lle.memory.secure.line.SecretPrompt}.
 */
@Export
@Version("1.0.0")
package org.lle.memory.secure.line;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
