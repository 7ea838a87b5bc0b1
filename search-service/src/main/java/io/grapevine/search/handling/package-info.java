/**
 * Who answers: the handling state of a mention (open, assigned, answered, escalated,
 * dismissed, reopened), the actions that move it and their history.
 */
package io.grapevine.search.handling;
