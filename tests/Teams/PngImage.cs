using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ChatBot.Tests.Teams;

/// <summary>
/// Minimal PNG reader for the icon tests: reads IHDR, inflates the IDAT stream with <see cref="ZLibStream"/> and
/// reverses the per-row filters (types 0-4). Supports non-interlaced 8-bit greyscale, RGB, grey+alpha and RGBA.
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public int Width { get; }
    public int Height { get; }
    public int BitDepth { get; }
    public int ColorType { get; }
    public int Interlace { get; }
    public bool HasAlpha => ColorType is 4 or 6;

    private readonly byte[] _pixels; // unfiltered scanlines, no filter bytes
    private readonly int _channels;

    private PngImage(int width, int height, int bitDepth, int colorType, int interlace, byte[] pixels, int channels)
    {
        (Width, Height, BitDepth, ColorType, Interlace, _pixels, _channels) = (width, height, bitDepth, colorType, interlace, pixels, channels);
    }

    /// <summary>Width and height from the IHDR chunk only (no decoding).</summary>
    public static (int Width, int Height, int BitDepth, int ColorType) ReadHeader(byte[] png)
    {
        CheckSignature(png);
        var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(8));
        var type = Encoding.ASCII.GetString(png, 12, 4);
        if (type != "IHDR" || length != 13)
            throw new InvalidDataException("first PNG chunk is not a 13-byte IHDR");
        var data = png.AsSpan(16, 13);
        return (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]), data[8], data[9]);
    }

    public static PngImage Decode(byte[] png)
    {
        CheckSignature(png);
        int width = 0, height = 0, bitDepth = 0, colorType = -1, interlace = 0;
        using var idat = new MemoryStream();
        var pos = 8;
        var sawEnd = false;
        while (pos + 12 <= png.Length && !sawEnd)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            var type = Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    bitDepth = data[8];
                    colorType = data[9];
                    interlace = data[12];
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
            }
            pos += 12 + length;
        }
        if (!sawEnd) throw new InvalidDataException("PNG has no IEND chunk");
        if (bitDepth != 8) throw new NotSupportedException($"bit depth {bitDepth} not supported");
        if (interlace != 0) throw new NotSupportedException("interlaced PNG not supported");
        var channels = colorType switch
        {
            0 => 1,
            2 => 3,
            4 => 2,
            6 => 4,
            _ => throw new NotSupportedException($"colour type {colorType} not supported"),
        };

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
            z.CopyTo(inflated);
        var raw = inflated.ToArray();

        var stride = width * channels;
        if (raw.Length < height * (stride + 1))
            throw new InvalidDataException($"image data too short: {raw.Length} bytes for {width}x{height}");
        var pixels = new byte[height * stride];
        var bpp = channels; // bytes per complete pixel at 8 bits per sample
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var src = raw.AsSpan(y * (stride + 1) + 1, stride);
            var cur = pixels.AsSpan(y * stride, stride);
            var prev = y > 0 ? pixels.AsSpan((y - 1) * stride, stride) : Span<byte>.Empty;
            for (var x = 0; x < stride; x++)
            {
                int a = x >= bpp ? cur[x - bpp] : 0;
                int b = y > 0 ? prev[x] : 0;
                int c = x >= bpp && y > 0 ? prev[x - bpp] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"unknown PNG filter type {filter} on row {y}"),
                };
                cur[x] = (byte)(src[x] + predictor);
            }
        }
        return new PngImage(width, height, bitDepth, colorType, interlace, pixels, channels);
    }

    /// <summary>The pixel at (x, y) as RGBA (grey is expanded; images without alpha report 255).</summary>
    public (byte R, byte G, byte B, byte A) GetPixel(int x, int y)
    {
        var i = (y * Width + x) * _channels;
        return ColorType switch
        {
            0 => (_pixels[i], _pixels[i], _pixels[i], 255),
            2 => (_pixels[i], _pixels[i + 1], _pixels[i + 2], 255),
            4 => (_pixels[i], _pixels[i], _pixels[i], _pixels[i + 1]),
            _ => (_pixels[i], _pixels[i + 1], _pixels[i + 2], _pixels[i + 3]),
        };
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void CheckSignature(byte[] png)
    {
        if (png.Length < 8 + 25 || !png.AsSpan(0, 8).SequenceEqual(Signature))
            throw new InvalidDataException("not a PNG file");
    }
}
