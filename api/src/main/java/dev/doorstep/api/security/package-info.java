/** OAuth2 resource server, roles from claims, the local issuer and its service clients. */
package dev.doorstep.api.security;
