using System.Net;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Scripting.Tests;

public sealed class MatchingAddresses
{
    [TestCase("10.0.0.0/8", "10.200.3.4", true)]
    [TestCase("10.0.0.0/8", "11.0.0.1", false)]
    [TestCase("172.16.0.0/12", "172.31.255.255", true)]
    [TestCase("172.16.0.0/12", "172.32.0.0", false)]
    [TestCase("203.0.113.7", "203.0.113.7", true)]
    [TestCase("203.0.113.7", "203.0.113.8", false)]
    [TestCase("0.0.0.0/0", "198.51.100.1", true)]
    [TestCase("2001:db8::/32", "2001:db8:1::5", true)]
    [TestCase("2001:db8::/32", "2001:db9::5", false)]
    [TestCase("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    [TestCase("10.0.0.0/8", "2001:db8::1", false)]
    [TestCase("10.0.0.0/8", "ec2.amazonaws.com", false)]
    [TestCase("10.0.0.0/8", null, false)]
    public void AnAddressIsInARangeWhenItsNetworkBitsMatch(string cidr, string? address, bool inside)
    {
        Assert.That(Cidr.Parse(cidr).Contains(address), Is.EqualTo(inside));
    }

    [Test]
    public void HostBitsOfARangeAreIgnored()
    {
        var cidr = Cidr.Parse("10.1.2.3/8");

        Assert.That(cidr.ToString(), Is.EqualTo("10.0.0.0/8"));
        Assert.That(cidr.Network, Is.EqualTo(IPAddress.Parse("10.0.0.0")));
        Assert.That(cidr.PrefixLength, Is.EqualTo(8));
    }

    [TestCase("10.0.0.0/33")]
    [TestCase("10.0.0.0/-1")]
    [TestCase("10.0.0/8")]
    [TestCase("10")]
    [TestCase("256.0.0.1")]
    [TestCase("ec2.amazonaws.com")]
    [TestCase("")]
    public void WhatIsNotARangeDoesNotParse(string text)
    {
        Assert.That(Cidr.TryParse(text, out _), Is.False);
        Assert.Throws<FormatException>(() => Cidr.Parse(text));
    }

    [Test]
    public void LeadingZerosAreDecimalNotOctal()
    {
        // Anonymised captures write addresses such as 075.050.255.67.
        var address = SourceAddress.Of("075.050.255.067");

        Assert.That(address.Ip, Is.EqualTo(IPAddress.Parse("75.50.255.67")));
        Assert.That(address.IsPublic, Is.True);
    }

    [TestCase("10.1.2.3", true, false, false, false)]
    [TestCase("192.168.0.10", true, false, false, false)]
    [TestCase("fd12:3456::1", true, false, false, false)]
    [TestCase("127.0.0.1", false, true, false, false)]
    [TestCase("::1", false, true, false, false)]
    [TestCase("169.254.169.254", false, false, true, false)]
    [TestCase("fe80::1", false, false, true, false)]
    [TestCase("100.64.0.1", false, false, false, false)]
    [TestCase("203.0.113.7", false, false, false, true)]
    [TestCase("2001:db8::7", false, false, false, true)]
    public void AnAddressIsPrivateLoopbackLinkLocalOrPublic(string text, bool isPrivate, bool loopback, bool linkLocal, bool isPublic)
    {
        var address = SourceAddress.Of(text);

        Assert.That((address.IsIp, address.IsPrivate, address.IsLoopback, address.IsLinkLocal, address.IsPublic), Is.EqualTo((true, isPrivate, loopback, linkLocal, isPublic)));
        Assert.That(address.IsAwsService, Is.False);
    }

    [TestCase("ec2.amazonaws.com")]
    [TestCase("cloudformation.amazonaws.com")]
    [TestCase("AWS Internal")]
    public void AServiceNameOrAwsInternalIsAnAwsServiceNotAnAddress(string text)
    {
        var address = SourceAddress.Of(text);

        Assert.That((address.IsAwsService, address.IsIp, address.IsPrivate, address.IsPublic), Is.EqualTo((true, false, false, false)));
        Assert.That(address.ToString(), Is.EqualTo(text));
    }

    [Test]
    public void AnAddressCanBeCheckedAgainstSeveralRanges()
    {
        var address = SourceAddress.Of("198.51.100.20");

        Assert.That(address.IsIn("10.0.0.0/8", "198.51.100.0/24"), Is.True);
        Assert.That(address.IsIn("10.0.0.0/8"), Is.False);
        Assert.That(address.IsIn([Cidr.Parse("198.51.100.16/28")]), Is.True);
        Assert.That(SourceAddress.Of("s3.amazonaws.com").IsIn("0.0.0.0/0"), Is.False);
        Assert.Throws<FormatException>(() => address.IsIn("office"));
    }

    [Test]
    public void TheEventReadsItsSourceAddress()
    {
        var e = Some.Event(Some.Record());

        Assert.That(e.SourceAddress.Text, Is.EqualTo("203.0.113.7"));
        Assert.That(e.SourceAddress.IsIn("203.0.113.0/24"), Is.True);
        Assert.That(Some.Event(Some.Insight()).SourceAddress.IsIp, Is.False, "absent");
    }
}
