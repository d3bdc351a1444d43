/** Upload bytes: the {@link dev.parley.blob.BlobStore} interface and its filesystem store. */
package dev.parley.blob;
