/** Tests about the test suite and the route table as a whole (the route meta-test). */
package dev.parley.meta;
