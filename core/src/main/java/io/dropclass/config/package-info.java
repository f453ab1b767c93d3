/**
 * The typed experiment configuration: one record tree with documented defaults and units, read
 * from JSON or YAML, overridden by {@code key=value} pairs, validated with the key's name. Only the
 * composition root ({@code experiment}) and the command line read it.
 */
package io.dropclass.config;
