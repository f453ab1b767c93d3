/**
 * Small concurrency helpers shared by the packages that run work on thread pools (class
 * statistics, the batch loader, partitioned jobs). Pure Java; depends on no other package.
 */
package io.dropclass.concurrent;
