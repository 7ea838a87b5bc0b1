/**
 * The digest API, the archive pages and the problem details of every error.
 */
package io.grapevine.digest.web;
