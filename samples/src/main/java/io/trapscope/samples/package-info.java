/**
 * The sample scenarios shipped with trapscope, found by name on the class path.
 *
 * <p>The JSON files live in {@code samples/scenarios/} of the repository and are packaged under {@code
 * io/trapscope/samples/scenarios/}; this package lists and reads them, nothing more.
 */
package io.trapscope.samples;
