/**
 * The people API, for assignment type-ahead.
 */
package io.grapevine.search.people.web;
