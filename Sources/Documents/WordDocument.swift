import Foundation
import ZIPFoundation

/// A Word document (Office Open XML, ISO/IEC 29500) laid out as a Chinese official document after
/// GB/T 9704-2012 (党政机关公文格式): A4, margins 37/35/28/26 mm, title in 2号 (22 pt) 小标宋
/// centred, body in 3号 (16 pt) 仿宋 at 28.95 pt lines with a two-character first-line indent,
/// headings 一、 in 黑体, (一) in 楷体, 1. in bold 仿宋; tables with header rows repeated on every
/// page; pictures inline; numbered captions; page numbers "— n —" in the footer. Fonts are named as
/// Word and WPS know them, each with the family a reader without it falls back to (LibreOffice with
/// Noto CJK, for instance). The XML parts are written here; the package (zip) by ZIPFoundation.
public struct WordDocument: Sendable {
    public enum Block: Sendable {
        /// The document's title (2号小标宋, centred).
        case title(String)
        /// A centred line under the title (3号楷体): the issuing unit, the period.
        case subtitle(String)
        /// The addressee (主送机关), flush left: "县人民政府：".
        case addressee(String)
        /// A heading: level 1 一、 (黑体), 2 (一) (楷体), 3 1. (仿宋 bold); the numbering is in `text`.
        case heading(level: Int, text: String)
        /// A body paragraph; `placeholder` parts (【待填写】) are highlighted for the planner.
        case paragraph([Run])
        /// A table with its caption above (表n).
        case table(Table)
        /// A picture with its caption below (图n); `width`, `height` in pixels (its proportions).
        case figure(png: [UInt8], width: Int, height: Int, caption: String)
        /// Right-aligned closing lines: the issuing unit and the date.
        case signOff([String])
        case pageBreak
    }

    /// A stretch of text in one style.
    public struct Run: Sendable, Equatable {
        public var text: String
        public var bold: Bool
        /// Marked for the planner to fill in (yellow highlight).
        public var placeholder: Bool

        public init(_ text: String, bold: Bool = false, placeholder: Bool = false) {
            self.text = text
            self.bold = bold
            self.placeholder = placeholder
        }
    }

    public struct Table: Sendable {
        public var caption: String
        public var header: [String]
        public var rows: [[String]]
        /// Columns whose cells are right-aligned (numbers).
        public var numeric: [Bool]
        /// A note under the table (units, source), smaller.
        public var note: String?

        public init(caption: String, header: [String], rows: [[String]], numeric: [Bool]? = nil, note: String? = nil) {
            self.caption = caption
            self.header = header
            self.rows = rows
            self.numeric = numeric ?? header.map { _ in false }
            self.note = note
        }
    }

    public var blocks: [Block]
    /// The title in the document's properties.
    public var title: String
    /// `zh-CN` or `en-US`: the proofing language of the text.
    public var language: String
    /// The date written in the package's properties and zip entries (fixed, so that the same
    /// document gives the same bytes).
    public var created: Date

    public init(title: String, language: String = "zh-CN", blocks: [Block] = [], created: Date = Date(timeIntervalSince1970: 1_577_836_800))
    {
        self.title = title
        self.language = language
        self.blocks = blocks
        self.created = created
    }

    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The .docx file's bytes.
    public func data() throws(WriteError) -> Data {
        let parts = self.parts()
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, contents) in parts {
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(contents.count), modificationDate: created,
                    compressionMethod: path.hasSuffix(".png") ? .none : .deflate
                ) { position, size in
                    contents.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw WriteError(description: "the document's package is empty") }
            return data
        } catch let error as WriteError {
            throw error
        } catch {
            throw WriteError(description: "cannot package the document: \(error)")
        }
    }

    /// Every part of the package, by path, in the order written.
    public func parts() -> [(path: String, contents: Data)] {
        var body = ""
        var relationships: [(id: String, type: String, target: String)] = [
            ("rIdStyles", "styles", "styles.xml"), ("rIdSettings", "settings", "settings.xml"),
            ("rIdFonts", "fontTable", "fontTable.xml"), ("rIdFooter", "footer", "footer1.xml"),
        ]
        var media: [(String, Data)] = []
        var figures = 0
        for block in blocks {
            switch block {
            case .title(let text):
                // A title of two lines ("…工作\n目标完成情况报告") breaks where it says, not mid-word.
                let lines = text.split(separator: "\n").map(String.init)
                body +=
                    "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr>"
                    + lines.enumerated().map { ($0.offset > 0 ? "<w:r><w:br/></w:r>" : "") + runXML(Run($0.element)) }.joined() + "</w:p>"
            case .addressee(let text): body += paragraph(style: "Addressee", [Run(text)])
            case .subtitle(let text): body += paragraph(style: "Subtitle", [Run(text)])
            case .heading(let level, let text): body += paragraph(style: "Heading\(min(3, max(1, level)))", [Run(text)])
            case .paragraph(let runs): body += paragraph(style: "Body", runs)
            case .signOff(let lines):
                for line in lines { body += paragraph(style: "SignOff", [Run(line)]) }
            case .pageBreak: body += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
            case .table(let table):
                body += paragraph(style: "Caption", [Run(table.caption)], keepNext: true)
                body += tableXML(table)
                if let note = table.note { body += paragraph(style: "TableNote", [Run(note)]) }
            case .figure(let png, let width, let height, let caption):
                figures += 1
                let id = "rIdImage\(figures)"
                let name = "image\(figures).png"
                relationships.append((id, "image", "media/\(name)"))
                media.append(("word/media/\(name)", Data(png)))
                body += figureXML(id: id, number: figures, width: width, height: height, caption: caption)
                body += paragraph(style: "Caption", [Run(caption)])
            }
        }
        let document =
            xmlHeader + "<w:document \(Self.namespaces)><w:body>" + body
            + "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>"
            + "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
            + "<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>"
            + "<w:docGrid w:type=\"lines\" w:linePitch=\"579\"/></w:sectPr></w:body></w:document>"
        let documentRelationships =
            xmlHeader + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + relationships.map {
                "<Relationship Id=\"\($0.id)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/\($0.type)\" Target=\"\($0.target)\"/>"
            }.joined() + "</Relationships>"
        var parts: [(String, Data)] = [
            ("[Content_Types].xml", Data(contentTypes.utf8)),
            ("_rels/.rels", Data(packageRelationships.utf8)),
            ("docProps/core.xml", Data(coreProperties.utf8)),
            ("docProps/app.xml", Data(appProperties.utf8)),
            ("word/document.xml", Data(document.utf8)),
            ("word/_rels/document.xml.rels", Data(documentRelationships.utf8)),
            ("word/styles.xml", Data(styles.utf8)),
            ("word/settings.xml", Data(settings.utf8)),
            ("word/fontTable.xml", Data(Self.fontTable.utf8)),
            ("word/footer1.xml", Data(Self.footer.utf8)),
        ]
        parts += media
        return parts
    }

    // MARK: - Body

    private func paragraph(style: String, _ runs: [Run], keepNext: Bool = false) -> String {
        var out = "<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/>\(keepNext ? "<w:keepNext/>" : "")</w:pPr>"
        for run in runs { out += runXML(run) }
        return out + "</w:p>"
    }

    private func runXML(_ run: Run) -> String {
        var properties = ""
        if run.bold { properties += "<w:b/><w:bCs/>" }
        if run.placeholder { properties += "<w:highlight w:val=\"yellow\"/>" }
        let open = properties.isEmpty ? "<w:r>" : "<w:r><w:rPr>\(properties)</w:rPr>"
        return open + "<w:t xml:space=\"preserve\">\(Self.escaped(run.text))</w:t></w:r>"
    }

    /// The text width, 210 − 28 − 26 mm, in twentieths of a point.
    static let textWidth = 8844

    /// Column widths over the text width: a numeric column as wide as its widest number (at
    /// 10.5 pt, about 110 twentieths of a point per digit, so numbers never wrap), short text
    /// columns whole, long ones sharing the rest (a CJK character counting two); scaled down
    /// together when they need more than the page.
    static func columnWidths(_ table: Table) -> [Int] {
        func width(_ text: String) -> Int { text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) } }
        let columns = max(1, table.header.count)
        let content = (0..<columns).map { column in
            table.rows.compactMap { column < $0.count ? width($0[column]) : nil }.max() ?? 0
        }
        let header = (0..<columns).map { column in column < table.header.count ? min(12, width(table.header[column])) : 0 }
        let numeric = (0..<columns).map { $0 < table.numeric.count && table.numeric[$0] }
        var widths = (0..<columns).map { column in numeric[column] ? min(11, max(content[column], header[column] / 2, 4)) * 110 + 220 : 0 }
        let fixed = widths.reduce(0, +)
        // Text columns: short ones (up to 12 characters, a header's word) whole, the rest of the
        // width shared by what the longer ones hold beyond that.
        let textColumns = (0..<columns).filter { !numeric[$0] }
        let least = textColumns.map { min(12, max(4, header[$0], content[$0])) * 110 + 220 }
        let extra = textColumns.map { Double(max(0, min(40, content[$0]) - 12)) }
        let rest = max(0, textWidth - fixed - least.reduce(0, +))
        let extraTotal = extra.reduce(0, +)
        for (index, column) in textColumns.enumerated() {
            widths[column] = least[index] + (extraTotal > 0 ? Int((Double(rest) * extra[index] / extraTotal).rounded(.down)) : 0)
        }
        // Nothing long to widen: every column grows in proportion, so that the table fills the width.
        if extraTotal == 0, widths.reduce(0, +) < textWidth {
            let total = widths.reduce(0, +)
            widths = widths.map { $0 * textWidth / max(1, total) }
        }
        let total = widths.reduce(0, +)
        return total <= textWidth ? widths : widths.map { $0 * textWidth / total }
    }

    private func tableXML(_ table: Table) -> String {
        let columns = max(1, table.header.count)
        let widths = Self.columnWidths(table)
        var out = "<w:tbl><w:tblPr><w:tblStyle w:val=\"Grid\"/><w:tblW w:w=\"\(Self.textWidth)\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
        out += "<w:tblBorders>"
        for edge in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            out += "<w:\(edge) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        }
        out += "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\"/></w:tblPr><w:tblGrid>"
        for width in widths { out += "<w:gridCol w:w=\"\(width)\"/>" }
        out += "</w:tblGrid>"
        func row(_ cells: [String], header: Bool) -> String {
            var out = "<w:tr><w:trPr><w:cantSplit/>\(header ? "<w:tblHeader/>" : "")</w:trPr>"
            for (index, cell) in cells.enumerated() {
                let right = !header && index < table.numeric.count && table.numeric[index]
                out +=
                    "<w:tc><w:tcPr><w:tcW w:w=\"\(widths[min(index, widths.count - 1)])\" w:type=\"dxa\"/>\(header ? "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EDEDED\"/>" : "")<w:vAlign w:val=\"center\"/></w:tcPr>"
                out +=
                    "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/><w:jc w:val=\"\(header ? "center" : right ? "right" : "left")\"/></w:pPr>"
                out += runXML(Run(cell, bold: header)) + "</w:p></w:tc>"
            }
            return out + "</w:tr>"
        }
        out += row(table.header, header: true)
        for cells in table.rows { out += row(cells + Array(repeating: "", count: max(0, columns - cells.count)), header: false) }
        return out + "</w:tbl>"
    }

    /// An inline picture 15 cm wide (the text width is 15.6 cm), centred.
    private func figureXML(id: String, number: Int, width: Int, height: Int, caption: String) -> String {
        let cx = 5_400_000  // 15 cm in EMU
        let cy = Int((Double(cx) * Double(height) / Double(max(1, width))).rounded())
        return """
            <w:p><w:pPr><w:pStyle w:val="Figure"/><w:keepNext/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">\
            <wp:extent cx="\(cx)" cy="\(cy)"/><wp:docPr id="\(number)" name="\(Self.escaped("图\(number)"))" descr="\(Self.escaped(caption))"/>\
            <wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>\
            <a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>\
            <pic:nvPicPr><pic:cNvPr id="\(number)" name="image\(number).png"/><pic:cNvPicPr/></pic:nvPicPr>\
            <pic:blipFill><a:blip r:embed="\(id)"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
            <pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="\(cx)" cy="\(cy)"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>\
            </pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
            """
    }

    // MARK: - Package parts

    private var xmlHeader: String { "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" }

    static let namespaces = """
        xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" \
        xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" \
        xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
        xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"
        """

    private var contentTypes: String {
        let main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        return xmlHeader
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Default Extension=\"png\" ContentType=\"image/png\"/>"
            + "<Override PartName=\"/word/document.xml\" ContentType=\"\(main).document.main+xml\"/>"
            + "<Override PartName=\"/word/styles.xml\" ContentType=\"\(main).styles+xml\"/>"
            + "<Override PartName=\"/word/settings.xml\" ContentType=\"\(main).settings+xml\"/>"
            + "<Override PartName=\"/word/fontTable.xml\" ContentType=\"\(main).fontTable+xml\"/>"
            + "<Override PartName=\"/word/footer1.xml\" ContentType=\"\(main).footer+xml\"/>"
            + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
            + "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
            + "</Types>"
    }

    private var packageRelationships: String {
        xmlHeader + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
            + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
            + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
            + "</Relationships>"
    }

    private var coreProperties: String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let date = formatter.string(from: created)
        return xmlHeader
            + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<dc:title>\(Self.escaped(title))</dc:title><dc:creator>dibao</dc:creator><dc:language>\(language)</dc:language>"
            + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(date)</dcterms:created>"
            + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(date)</dcterms:modified></cp:coreProperties>"
    }

    private var appProperties: String {
        xmlHeader
            + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>dibao</Application></Properties>"
    }

    private var settings: String {
        xmlHeader
            + "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + "<w:defaultTabStop w:val=\"420\"/><w:characterSpacingControl w:val=\"compressPunctuation\"/>"
            + "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
            + "</w:settings>"
    }

    /// Styles: sizes in half-points (3号 = 16 pt = 32), spacing in twentieths of a point.
    private var styles: String {
        func font(_ eastAsia: String, latin: String = "Times New Roman") -> String {
            "<w:rFonts w:ascii=\"\(latin)\" w:hAnsi=\"\(latin)\" w:eastAsia=\"\(eastAsia)\" w:cs=\"\(latin)\"/>"
        }
        // Tables, captions, pictures and the footer keep their own line heights: off the body's
        // 22-line grid (docGrid), which would stretch every table row to 28.95 pt.
        let offGrid: Set<String> = ["Caption", "Figure", "TableText", "TableNote", "Footer"]
        func style(_ id: String, _ name: String, paragraph: String, run: String) -> String {
            let snap = offGrid.contains(id) ? "<w:snapToGrid w:val=\"0\"/>" : ""
            return
                "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>\(snap)\(paragraph)</w:pPr><w:rPr>\(run)</w:rPr></w:style>"
        }
        let line = "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"579\" w:lineRule=\"exact\"/>"
        return xmlHeader
            + "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + "<w:docDefaults><w:rPrDefault><w:rPr>\(font("仿宋"))<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" w:eastAsia=\"\(language)\"/></w:rPr></w:rPrDefault>"
            + "<w:pPrDefault><w:pPr>\(line)</w:pPr></w:pPrDefault></w:docDefaults>"
            + "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/><w:pPr><w:jc w:val=\"both\"/></w:pPr></w:style>"
            + style(
                "Title", "Title",
                paragraph:
                    "<w:jc w:val=\"center\"/><w:spacing w:before=\"0\" w:after=\"579\" w:line=\"700\" w:lineRule=\"exact\"/><w:outlineLvl w:val=\"0\"/>",
                run: font("方正小标宋简体") + "<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>")
            + style("Subtitle", "Subtitle", paragraph: "<w:jc w:val=\"center\"/><w:spacing w:after=\"579\"/>", run: font("楷体"))
            + style(
                "Heading1", "heading 1", paragraph: "<w:keepNext/><w:ind w:firstLine=\"640\"/><w:outlineLvl w:val=\"0\"/>", run: font("黑体"))
            + style(
                "Heading2", "heading 2", paragraph: "<w:keepNext/><w:ind w:firstLine=\"640\"/><w:outlineLvl w:val=\"1\"/>", run: font("楷体"))
            + style(
                "Heading3", "heading 3", paragraph: "<w:keepNext/><w:ind w:firstLine=\"640\"/><w:outlineLvl w:val=\"2\"/>",
                run: font("仿宋") + "<w:b/><w:bCs/>")
            + style("Body", "Body Text", paragraph: "<w:ind w:firstLine=\"640\"/>", run: "")
            + style("Addressee", "Salutation", paragraph: "", run: "")
            + style("SignOff", "Closing", paragraph: "<w:jc w:val=\"right\"/><w:ind w:right=\"1280\"/>", run: "")
            + style(
                "Caption", "caption",
                paragraph: "<w:jc w:val=\"center\"/><w:spacing w:before=\"120\" w:after=\"120\" w:line=\"360\" w:lineRule=\"auto\"/>",
                run: font("黑体") + "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>")
            + style(
                "Figure", "Figure",
                paragraph: "<w:jc w:val=\"center\"/><w:spacing w:before=\"120\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>", run: ""
            )
            + style(
                "TableText", "Table Text", paragraph: "<w:spacing w:before=\"20\" w:after=\"20\" w:line=\"260\" w:lineRule=\"auto\"/>",
                run: "<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>")
            + style(
                "TableNote", "Table Note", paragraph: "<w:spacing w:before=\"60\" w:after=\"120\" w:line=\"300\" w:lineRule=\"auto\"/>",
                run: "<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>")
            + style(
                "Footer", "footer", paragraph: "<w:jc w:val=\"center\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/>",
                run: font("宋体") + "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>")
            + "<w:style w:type=\"table\" w:styleId=\"Grid\"><w:name w:val=\"Table Grid\"/><w:tblPr><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
            + "</w:styles>"
    }

    /// The fonts and what a reader without them uses instead (`altName`, the GB 2312 charset).
    static let fontTable: String = {
        let fonts = [
            ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "roman"), ("仿宋", "FangSong", "modern"), ("黑体", "SimHei", "modern"),
            ("楷体", "KaiTi", "modern"), ("宋体", "SimSun", "auto"),
        ]
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + fonts.map {
                "<w:font w:name=\"\($0.0)\"><w:altName w:val=\"\($0.1)\"/><w:charset w:val=\"86\"/><w:family w:val=\"\($0.2)\"/><w:pitch w:val=\"fixed\"/></w:font>"
            }.joined()
            + "<w:font w:name=\"Times New Roman\"><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font>"
            + "</w:fonts>"
    }()

    /// "— n —", centred, 4号宋体.
    static let footer = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:ftr \(namespaces)><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>\
        <w:r><w:t xml:space="preserve">— </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>\
        <w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>
        """

    /// Text safe in a Word run (line breaks and tabs as spaces: a run breaks lines with `w:br`).
    public static func escaped(_ text: String) -> String {
        XMLText.escaped(text).replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
    }
}
