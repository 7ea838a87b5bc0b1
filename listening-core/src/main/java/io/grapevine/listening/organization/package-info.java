/**
 * The organization that listens: its departments, their members and channels, and the
 * topics each listens for.
 */
package io.grapevine.listening.organization;
