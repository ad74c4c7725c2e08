/**
 * The example host of {@code docs/host-integration.md}: a small service that keeps user secrets in
 * secure memory. It is built as its own bundle and installed by the itests, so the guide's code cannot rot.
 */
@Export
@Version("1.0.0")
package org.lle.memory.example;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
