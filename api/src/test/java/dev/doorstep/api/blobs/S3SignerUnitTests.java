package dev.doorstep.api.blobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3SignerUnitTests {

    /** The "GET Object" example of the AWS Signature V4 documentation for S3 (header-based auth). */
    @Test
    void signsTheDocumentedGetObjectExampleExactlyAsAwsDoes() {
        S3Signer signer = new S3Signer("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1");

        Map<String, String> headers = signer.sign("GET", URI.create("https://examplebucket.s3.amazonaws.com/test.txt"),
                Map.of("Range", "bytes=0-9"), new byte[0], Instant.parse("2013-05-24T00:00:00Z"));

        assertThat(headers.get("x-amz-content-sha256"))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(headers.get("x-amz-date")).isEqualTo("20130524T000000Z");
        assertThat(headers.get("authorization")).isEqualTo("AWS4-HMAC-SHA256 "
                + "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void keysArePercentEncodedSegmentBySegment() {
        assertThat(S3Signer.encodePath("originals/ab.jpg")).isEqualTo("originals/ab.jpg");
        assertThat(S3Signer.encodePath("a b/c+d~é")).isEqualTo("a%20b/c%2Bd~%C3%A9");
    }
}
