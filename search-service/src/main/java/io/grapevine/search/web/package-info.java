/**
 * What every HTTP endpoint shares: parsing query parameters and answering errors as
 * problem details.
 */
package io.grapevine.search.web;
