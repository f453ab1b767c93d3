/**
 * What a run leaves behind, as plain records and files (JSON, CSV): the manifest and the training
 * history. No engine types here, so reports can be rebuilt from the files alone.
 */
package io.dropclass.results;
