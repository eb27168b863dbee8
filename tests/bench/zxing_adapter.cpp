// zxing_adapter.cpp - see zxing_adapter.h. The only C++ in Lanyard, and only in the benchmark.
#define ZX_USE_UTF8 1
#include "zxing_adapter.h"

#include <ZXing/ReadBarcode.h>

#include <cstring>

extern "C" int ly_zxing_decode_qr(const uint8_t *y800, int width, int height, int stride,
                                  char *out, size_t outsz)
{
    ZXing::ImageView image(y800, width, height, ZXing::ImageFormat::Lum, stride);
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    ZXing::Result r = ZXing::ReadBarcode(image, hints);
    if (!r.isValid())
        return 0;
    const ZXing::ByteArray &b = r.bytes();
    if (b.size() + 1 > outsz)
        return -1;
    std::memcpy(out, b.data(), b.size());
    out[b.size()] = '\0';
    return static_cast<int>(b.size());
}
