/** Where proof-of-delivery images live when not in the local folder: an S3-compatible object store over HTTP. */
package dev.doorstep.api.blobs;
