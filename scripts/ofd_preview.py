#!/usr/bin/env python3
"""Draws the pages of an OFD file as PNG images, to look at what `gongkai report render --to ofd` wrote on a
machine without an OFD reader (Debian has none). It draws what a reader draws from the package alone: path
objects (rules, borders, fills) and text objects in the fonts embedded in the package, mapped through their
cmap. Missing glyphs show as boxes, so an incomplete font subset is visible.

    python3 scripts/ofd_preview.py report.ofd out-prefix [--dpi 100]

Needs Pillow (pip install pillow). A review aid, not part of the server.
"""

import argparse
import io
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

from PIL import Image, ImageDraw, ImageFont

NS = {"ofd": "http://www.ofdspec.org/2016"}


def numbers(text):
    return [float(n) for n in (text or "").split()]


def deltas(text, count):
    out, tokens = [], (text or "").split()
    i = 0
    while i < len(tokens):
        if tokens[i] == "g":
            out += [float(tokens[i + 2])] * int(tokens[i + 1])
            i += 3
        else:
            out.append(float(tokens[i]))
            i += 1
    return (out + [out[-1] if out else 0.0] * count)[:count]


def colour(element, name, default):
    found = element.find(f"ofd:{name}", NS)
    if found is None:
        return default
    return tuple(int(v) for v in found.get("Value").split())


def path_points(data, bx, by, mm):
    """Polylines of an AbbreviatedData path (cubic segments drawn as their end points' chord)."""
    lines, current, tokens = [], [], data.split()
    i = 0
    while i < len(tokens):
        op = tokens[i]
        if op in ("M", "L"):
            point = ((bx + float(tokens[i + 1])) * mm, (by + float(tokens[i + 2])) * mm)
            if op == "M" and current:
                lines.append(current)
                current = []
            current.append(point)
            i += 3
        elif op == "B":
            current.append(((bx + float(tokens[i + 5])) * mm, (by + float(tokens[i + 6])) * mm))
            i += 7
        elif op == "C":
            if current:
                current.append(current[0])
            i += 1
        else:
            i += 1
    if current:
        lines.append(current)
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ofd")
    parser.add_argument("prefix")
    parser.add_argument("--dpi", type=int, default=100)
    args = parser.parse_args()
    mm = args.dpi / 25.4
    package = zipfile.ZipFile(args.ofd)
    root = ET.fromstring(package.read("OFD.xml"))
    doc_root = root.find(".//ofd:DocRoot", NS).text.strip()
    doc_dir = doc_root.rsplit("/", 1)[0]
    document = ET.fromstring(package.read(doc_root))
    fonts = {}
    for res_name in [r.text for r in document.findall(".//ofd:PublicRes", NS)]:
        res = ET.fromstring(package.read(f"{doc_dir}/{res_name}"))
        base = res.get("BaseLoc", "")
        for font in res.findall(".//ofd:Font", NS):
            file = font.find("ofd:FontFile", NS)
            if file is not None:
                fonts[font.get("ID")] = package.read(f"{doc_dir}/{base}/{file.text}".replace("//", "/"))
    box = numbers(document.find(".//ofd:PageArea/ofd:PhysicalBox", NS).text)
    for n, page in enumerate(document.findall(".//ofd:Pages/ofd:Page", NS)):
        content = ET.fromstring(package.read(f"{doc_dir}/{page.get('BaseLoc')}"))
        image = Image.new("RGB", (round(box[2] * mm), round(box[3] * mm)), "white")
        draw = ImageDraw.Draw(image)
        for element in content.iter():
            tag = element.tag.split("}")[-1]
            if tag == "PathObject":
                bx, by = numbers(element.get("Boundary"))[:2]
                width = max(1, round(float(element.get("LineWidth", "0.353")) * mm))
                lines = path_points(element.find("ofd:AbbreviatedData", NS).text, bx, by, mm)
                if element.get("Fill") == "true":
                    for line in lines:
                        draw.polygon(line, fill=colour(element, "FillColor", (0, 0, 0)))
                if element.get("Stroke", "true") != "false":
                    for line in lines:
                        draw.line(line, fill=colour(element, "StrokeColor", (0, 0, 0)), width=width)
            elif tag == "TextObject":
                bx, by = numbers(element.get("Boundary"))[:2]
                size = float(element.get("Size")) * mm
                face = ImageFont.truetype(io.BytesIO(fonts[element.get("Font")]), max(1, round(size)))
                fill = colour(element, "FillColor", (0, 0, 0))
                for code in element.findall("ofd:TextCode", NS):
                    text = code.text or ""
                    x = bx + float(code.get("X"))
                    y = by + float(code.get("Y"))
                    steps = deltas(code.get("DeltaX"), len(text))
                    for i, char in enumerate(text):
                        draw.text((x * mm, y * mm), char, font=face, fill=fill, anchor="ls")
                        x += steps[i] if i < len(steps) else 0
        out = f"{args.prefix}-{n + 1}.png"
        image.save(out)
        print(out)


if __name__ == "__main__":
    sys.exit(main())
