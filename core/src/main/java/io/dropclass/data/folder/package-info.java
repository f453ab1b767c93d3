/**
 * The generic folder layout: {@code images/} and {@code masks/} paired by file stem (optionally in
 * split sub-folders), a classes file with names and colours, masks indexed or colour-coded.
 */
package io.dropclass.data.folder;
