/** Where proof-of-delivery images live when not in the local folder: S3 or an S3-compatible store (AWS SDK v2). */
package dev.doorstep.api.blobs;
