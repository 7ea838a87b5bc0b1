/**
 * Sign-in and access rules for the services people open in a browser: local users and
 * OpenID Connect, members who read and administrators who change things.
 */
package io.grapevine.security;
