/**
 * The executive view's API.
 */
package io.grapevine.search.executive.web;
