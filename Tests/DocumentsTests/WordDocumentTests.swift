import Foundation
import Testing
import ZIPFoundation

@testable import Documents
@testable import Rasterizer

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The Word document's OOXML parts: well-formed, the 公文 styles present, tables with header rows
/// that repeat, pictures related and typed, the package readable and the same bytes every time.
@Suite("Word documents (OOXML)")
struct WordDocumentTests {
    /// A 2 × 1 red-on-white SVG drawn 40 pixels wide: a PNG 40 × 20.
    static let png = try! SVGRaster.png(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\" viewBox=\"0 0 200 100\"><rect width=\"100\" height=\"100\" fill=\"#ff0000\"/></svg>",
        width: 40)

    static let document = WordDocument(
        title: "2020年测试县农村最低生活保障工作目标完成情况报告",
        blocks: [
            .title("2020年测试县农村最低生活保障工作目标完成情况报告"), .heading(level: 1, text: "一、基本情况"),
            .paragraph([.init("标准 < 5,640 & > 0 元"), .init("【待填写】", placeholder: true)]),
            .table(
                .init(
                    caption: "表1　主要指标", header: ["年份", "标准(元/年)"], rows: [["2020年", "5,640.00"], ["2021年", "6,240.00"]],
                    numeric: [false, true])),
            .figure(png: png, width: 40, height: 20, caption: "图1　测试"), .signOff(["测试县民政局", "2021年1月"]),
        ])

    func part(_ path: String) throws -> XMLDocument {
        let data = try #require(Self.document.parts().first { $0.path == path }?.contents, "no part \(path)")
        return try XMLDocument(data: data)
    }

    func nodes(_ document: XMLDocument, _ xpath: String) throws -> [XMLNode] { try document.nodes(forXPath: xpath) }

    @Test("Every XML part is well-formed, and the package lists each with its content type")
    func wellFormed() throws {
        for (path, contents) in Self.document.parts() where path.hasSuffix(".xml") || path.hasSuffix(".rels") {
            #expect(throws: Never.self, "\(path)") { _ = try XMLDocument(data: contents) }
        }
        let types = String(decoding: Self.document.parts().first { $0.path == "[Content_Types].xml" }!.contents, as: UTF8.self)
        for part in ["/word/document.xml", "/word/styles.xml", "/word/footer1.xml", "/docProps/core.xml"] {
            #expect(types.contains("PartName=\"\(part)\""), "\(part)")
        }
        #expect(types.contains("Extension=\"png\" ContentType=\"image/png\""))
    }

    @Test("The 公文 styles: title 2号 (22 pt) 方正小标宋简体, body 3号 (16 pt) 仿宋, headings 黑体 / 楷体; A4 with 37/35/28/26 mm margins")
    func styles() throws {
        let styles = String(decoding: Self.document.parts().first { $0.path == "word/styles.xml" }!.contents, as: UTF8.self)
        for id in ["Title", "Heading1", "Heading2", "Heading3", "Body", "Caption", "TableText", "SignOff"] {
            #expect(styles.contains("w:styleId=\"\(id)\""), "\(id)")
        }
        #expect(styles.contains("w:eastAsia=\"方正小标宋简体\"") && styles.contains("<w:sz w:val=\"44\"/>"))
        #expect(styles.contains("w:eastAsia=\"仿宋\"") && styles.contains("<w:sz w:val=\"32\"/>"))
        #expect(styles.contains("w:eastAsia=\"黑体\"") && styles.contains("w:eastAsia=\"楷体\""))
        let document = String(decoding: Self.document.parts().first { $0.path == "word/document.xml" }!.contents, as: UTF8.self)
        // 297 mm × 210 mm; 37 mm = 2098, 35 mm = 1984, 28 mm = 1588, 26 mm = 1474 twentieths of a point.
        #expect(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"))
        #expect(document.contains("w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\""))
        let fonts = String(decoding: Self.document.parts().first { $0.path == "word/fontTable.xml" }!.contents, as: UTF8.self)
        #expect(fonts.contains("<w:font w:name=\"仿宋\"><w:altName w:val=\"FangSong\"/>"))
    }

    @Test("A table's header row repeats on every page, its numbers are right-aligned, and its widths fill the text width")
    func tables() throws {
        let document = try part("word/document.xml")
        let rows = try nodes(document, "//*[local-name()='tbl']/*[local-name()='tr']")
        #expect(rows.count == 3)
        #expect(try nodes(document, "//*[local-name()='tr'][1]/*[local-name()='trPr']/*[local-name()='tblHeader']").count == 1)
        #expect(try nodes(document, "//*[local-name()='tr'][2]/*[local-name()='trPr']/*[local-name()='tblHeader']").isEmpty)
        let aligned = try nodes(document, "//*[local-name()='tr'][2]/*[local-name()='tc'][2]//*[local-name()='jc']/@*[local-name()='val']")
        #expect(aligned.first?.stringValue == "right")
        let widths = WordDocument.columnWidths(.init(caption: "", header: ["a", "b"], rows: [["x", "1"]], numeric: [false, true]))
        #expect(widths.reduce(0, +) <= WordDocument.textWidth && widths.reduce(0, +) > WordDocument.textWidth - 10)
    }

    @Test("Text is escaped; a placeholder is highlighted; the picture is related to its media part with its proportions")
    func contents() throws {
        let document = String(decoding: Self.document.parts().first { $0.path == "word/document.xml" }!.contents, as: UTF8.self)
        #expect(document.contains("标准 &lt; 5,640 &amp; &gt; 0 元"))
        #expect(document.contains("<w:highlight w:val=\"yellow\"/>"))
        let relationships = String(
            decoding: Self.document.parts().first { $0.path == "word/_rels/document.xml.rels" }!.contents, as: UTF8.self)
        #expect(relationships.contains("Id=\"rIdImage1\"") && relationships.contains("Target=\"media/image1.png\""))
        #expect(Self.document.parts().contains { $0.path == "word/media/image1.png" && Array($0.contents) == Self.png })
        // 15 cm wide (5,400,000 EMU) and half as high, as the 40 × 20 picture.
        #expect(document.contains("<wp:extent cx=\"5400000\" cy=\"2700000\"/>"))
        #expect(WordDocument.escaped("a\u{0}b\u{FFFE}c") == "abc")
    }

    @Test("The package is a zip that ZIPFoundation reads back, part for part, and the same document gives the same bytes")
    func package() throws {
        let data = try Self.document.data()
        #expect(try Self.document.data() == data)
        let archive = try Archive(data: data, accessMode: .read)
        let paths = archive.map(\.path)
        #expect(paths.first == "[Content_Types].xml")
        #expect(Set(paths) == Set(Self.document.parts().map(\.path)))
        var styles = Data()
        _ = try archive.extract(archive["word/styles.xml"]!) { styles.append($0) }
        #expect(styles == Self.document.parts().first { $0.path == "word/styles.xml" }!.contents)
    }

    @Test("librsvg draws the SVG at the width asked for, in its proportions: a PNG 40 × 20 with the PNG signature")
    func raster() throws {
        #expect(Self.png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        func word(_ at: Int) -> Int { Self.png[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(word(16) == 40 && word(20) == 20)
        let blue = try SVGRaster.png(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\" viewBox=\"0 0 200 100\"><rect width=\"100\" height=\"100\" fill=\"#0000ff\"/></svg>",
            width: 40)
        #expect(blue != Self.png)
        #expect(throws: SVGRaster.Failure.self) { _ = try SVGRaster.png("not svg", width: 40) }
        #expect(throws: SVGRaster.Failure.self) {
            _ = try SVGRaster.png("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>", width: 0)
        }
    }
}
