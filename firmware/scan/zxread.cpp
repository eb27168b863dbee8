// zxread.cpp - see zxread.h.
#define ZX_USE_UTF8 1 // text() as UTF-8 (unused here: bytes() are what the scanner reports)
#include "scan/zxread.h"

#include <ReadBarcode.h>

#include <new>
#include <vector>

namespace {
// What the last call read: the bytes out[] points into.
thread_local std::vector<ZXing::ByteArray> kept;
} // namespace

extern "C" int ly_zxread(const uint8_t *px, int w, int h, int stride, bool thorough,
                         struct ly_zxread_code *out, int max)
{
    try {
        ZXing::ImageView image(px, w, h, ZXing::ImageFormat::Lum, stride);
        ZXing::DecodeHints hints;
        hints.setFormats(ZXing::BarcodeFormat::QRCode);
        hints.setTryHarder(thorough);
        hints.setTryRotate(thorough);
        hints.setTryDownscale(thorough);
        hints.setMaxNumberOfSymbols(static_cast<uint8_t>(max > 0 && max < 255 ? max : 1));
        ZXing::Results results = ZXing::ReadBarcodes(image, hints);
        kept.clear();
        int n = 0;
        for (const ZXing::Result &r : results) {
            if (n == max)
                break;
            if (!r.isValid())
                continue;
            kept.push_back(r.bytes());
            const ZXing::ByteArray &b = kept.back();
            out[n].bytes = b.data();
            out[n].len = b.size();
            for (int i = 0; i < 4; i++) {
                out[n].x[i] = r.position()[i].x;
                out[n].y[i] = r.position()[i].y;
            }
            n++;
        }
        return n;
    } catch (const std::bad_alloc &) {
        return -1;
    } catch (...) {
        return -1;
    }
}
