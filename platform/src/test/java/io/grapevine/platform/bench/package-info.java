/**
 * Benchmarks of the whole platform on this machine; they print figures and assert
 * nothing.
 */
package io.grapevine.platform.bench;
