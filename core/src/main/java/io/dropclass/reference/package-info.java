/**
 * Checks this project's DropClass implementation against reference cases computed by independent
 * implementations ({@code fixtures/reference/README.md}): a case folder is loaded and validated
 * ({@link io.dropclass.reference.ReferenceCase}), one training step and one eval forward are
 * replayed and every expected entry is compared with its tolerance ({@link
 * io.dropclass.reference.ReferenceCheck}); the result is printed ({@link
 * io.dropclass.reference.ReferenceTable}) and the computed entries are written ({@link
 * io.dropclass.reference.ReferenceOutputs}). The library behind {@code dropclass check-reference}.
 */
package io.dropclass.reference;
