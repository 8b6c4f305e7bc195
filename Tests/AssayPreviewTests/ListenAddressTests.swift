import AssayPreview
import Testing

@Suite("Listen address")
struct ListenAddressTests {
    @Test(arguments: [
        ("127.0.0.1", true), ("127.1.2.3", true), ("localhost", true), ("LOCALHOST", true),
        ("::1", true), ("::ffff:127.0.0.1", true),
        ("0.0.0.0", false), ("192.168.1.10", false), ("::", false), ("fe80::1", false),
    ])
    func loopbackOrNot(host: String, loopback: Bool) throws {
        let address = try ListenAddress(host)
        #expect(address.isLoopback == loopback)
        // Only a non-loopback address gets the warning, and it names the address.
        if loopback {
            #expect(address.exposureWarning == nil)
        } else {
            #expect(address.exposureWarning?.contains(address.host) == true)
        }
    }

    @Test(arguments: ["example.com", "127.0.0.1:80", "", "300.1.1.1", "::1]"])
    func namesAndJunkAreRefused(host: String) {
        #expect(throws: PreviewError.invalidHost(host)) { try ListenAddress(host) }
    }

    @Test func urlsBracketIPv6() throws {
        #expect(try ListenAddress("localhost").url(port: 8000) == "http://127.0.0.1:8000/")
        #expect(try ListenAddress("::1").url(port: 8123) == "http://[::1]:8123/")
    }
}
