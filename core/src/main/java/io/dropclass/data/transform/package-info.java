/** Paired image and mask transforms: whatever moves the image moves its mask the same way. */
package io.dropclass.data.transform;
