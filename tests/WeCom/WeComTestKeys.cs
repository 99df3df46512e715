namespace ChatBot.Tests.WeCom;

/// <summary>Test-only keys. The first set is the public sample from WeCom's WXBizMsgCrypt documentation.</summary>
internal static class WeComTestKeys
{
    public const string SampleToken = "QDG6eK";
    public const string SampleAesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    public const string SampleCorpId = "wx5823bf96d3bd56c7";

    // The sample's URL verification request and its expected answer.
    public const string SampleMsgSignature = "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3";
    public const string SampleTimestamp = "1409659589";
    public const string SampleNonce = "263014780";
    public const string SampleEchoStr = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
    public const string SampleEchoPlaintext = "1616140317555161061";

    /// <summary>A second, unrelated key for wrong-key tests.</summary>
    public const string OtherAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    public static byte[] FixedRandom => "0123456789abcdef"u8.ToArray();
}
