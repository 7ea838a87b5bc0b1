/**
 * The listening query language: its parser, its syntax tree and in-process evaluation
 * against mentions.
 */
package io.grapevine.listening.query;
