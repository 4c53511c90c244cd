import Foundation

/// A hand-written SVG plot of per-proof gas against bundle size for each mode:
/// log₂ bundle size across, log₁₀ gas up (the modes span four orders of
/// magnitude). Filled markers fit in one transaction; hollow ones exceed the fork's
/// transaction limit. No dependencies: the document is assembled as text.
///
/// Verifying a SnarkPack aggregate on chain costs tens of millions of gas per
/// bundle (no precompile for G_T arithmetic), far above the other modes, so that
/// series is left out unless asked for: with it the axis must reach about 30M gas
/// and squeezes the other lines together.
public enum SavingsPlot {
    /// The SVG document for `scaling`, titled with the fork's name.
    ///
    /// - Parameters:
    ///   - scaling: the series to plot.
    ///   - schedule: the fork's name, for the title.
    ///   - transactionGasLimit: the per-transaction gas limit, for the legend.
    ///   - includeSnarkPack: whether to draw the SnarkPack-on-chain series (off by
    ///     default: it dwarfs the others).
    public static func svg(_ scaling: ScalingSummary, schedule: String, transactionGasLimit: Int,
                           includeSnarkPack: Bool = false) -> String {
        let plotted = scaling.series.filter { includeSnarkPack || $0.mode != .snarkPack }
        let width = 860.0, height = 520.0
        let left = 90.0, right = 250.0, top = 50.0, bottom = 60.0
        let plotW = width - left - right, plotH = height - top - bottom

        let points = plotted.flatMap(\.points)
        let sizes = points.map(\.proofs)
        let minN = Double(sizes.min() ?? 1), maxN = Double(max(sizes.max() ?? 2, 2))
        let gases = points.map(\.perProofGas).filter { $0 > 0 }
        let lowDecade = floor(log10(gases.min() ?? 1_000))
        let highDecade = max(ceil(log10(gases.max() ?? 1_000_000)), lowDecade + 1)

        func x(_ n: Int) -> Double {
            maxN == minN ? left : left + plotW * (log2(Double(n)) - log2(minN)) / (log2(maxN) - log2(minN))
        }
        func y(_ gas: Double) -> Double {
            top + plotH * (1 - (log10(max(gas, 1)) - lowDecade) / (highDecade - lowDecade))
        }
        func f(_ v: Double) -> String { GasFormat.decimal(v, 1) }
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }

        var svg: [String] = []
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
                   + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">")
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>")
        svg.append("<text x=\"\(f(left))\" y=\"24\" font-size=\"15\" font-weight=\"bold\">"
                   + escape("Gas per proof against bundle size (fork \(schedule), ℓ = \(scaling.publicInputs), "
                          + "\(GasFormat.decimal(scaling.keysPerProof, scaling.keysPerProof < 0.1 ? 4 : 2)) verifying keys per proof)") + "</text>")

        // Horizontal grid at each decade, with labels.
        var decade = lowDecade
        while decade <= highDecade {
            let gy = y(pow(10, decade))
            svg.append("<line x1=\"\(f(left))\" y1=\"\(f(gy))\" x2=\"\(f(left + plotW))\" y2=\"\(f(gy))\" stroke=\"#dddddd\"/>")
            svg.append("<text x=\"\(f(left - 8))\" y=\"\(f(gy + 4))\" text-anchor=\"end\">\(label(pow(10, decade)))</text>")
            decade += 1
        }
        // Vertical ticks at each plotted size.
        for n in Set(sizes).sorted() {
            let gx = x(n)
            svg.append("<line x1=\"\(f(gx))\" y1=\"\(f(top))\" x2=\"\(f(gx))\" y2=\"\(f(top + plotH))\" stroke=\"#eeeeee\"/>")
            svg.append("<text x=\"\(f(gx))\" y=\"\(f(top + plotH + 18))\" text-anchor=\"middle\">\(n)</text>")
        }
        svg.append("<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"black\"/>")
        svg.append("<text x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 18))\" text-anchor=\"middle\">proofs in the bundle (log scale)</text>")
        svg.append("<text transform=\"translate(22 \(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">gas per proof (log scale)</text>")

        let colours: [SettlementMode: String] = [
            .individual: "#555555", .batched: "#1f77b4", .snarkPack: "#d62728", .outerRecursive: "#2ca02c",
            .outerProof: "#9467bd", .outerNotified: "#8c564b",
        ]
        for (index, series) in plotted.enumerated() {
            let colour = colours[series.mode] ?? "black"
            let dash = series.mode == .outerRecursive ? " stroke-dasharray=\"6 4\"" : ""
            let path = series.points.map { "\(f(x($0.proofs))),\(f(y($0.perProofGas)))" }.joined(separator: " ")
            svg.append("<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash)/>")
            for point in series.points {
                let fill = point.fitsInOneTransaction ? colour : "white"
                svg.append("<circle cx=\"\(f(x(point.proofs)))\" cy=\"\(f(y(point.perProofGas)))\" r=\"4\" "
                           + "fill=\"\(fill)\" stroke=\"\(colour)\" stroke-width=\"1.5\"/>")
            }
            // Legend.
            let ly = top + 10 + Double(index) * 22
            let lx = left + plotW + 20
            svg.append("<line x1=\"\(f(lx))\" y1=\"\(f(ly))\" x2=\"\(f(lx + 24))\" y2=\"\(f(ly))\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash)/>")
            svg.append("<text x=\"\(f(lx + 30))\" y=\"\(f(ly + 4))\">\(escape(series.mode.title))</text>")
        }
        let notesY = top + 10 + Double(plotted.count) * 22 + 10
        var notes = [
            "ℓ = \(scaling.publicInputs): public inputs per proof",
            "filled: fits one transaction",
            "hollow: exceeds \(GasFormat.int(transactionGasLimit)) gas",
        ]
        if includeSnarkPack {
            notes.append("SnarkPack G_T work: op-count model")
        } else if scaling.series.contains(where: { $0.mode == .snarkPack }) {
            notes += ["SnarkPack on chain (tens of", "millions of gas): left out"]
        }
        notes += ["outer recursive: published model,", "not executed"]
        for (i, note) in notes.enumerated() {
            svg.append("<text x=\"\(f(left + plotW + 20))\" y=\"\(f(notesY + Double(i) * 16))\" font-size=\"11\" fill=\"#444444\">"
                       + escape(note) + "</text>")
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n") + "\n"
    }

    /// 1,000 → "1k", 1,000,000 → "1M".
    static func label(_ value: Double) -> String {
        switch value {
        case 1e9...: return GasFormat.int(Int(value / 1e9)) + "G"
        case 1e6...: return GasFormat.int(Int(value / 1e6)) + "M"
        case 1e3...: return GasFormat.int(Int(value / 1e3)) + "k"
        default: return GasFormat.int(Int(value))
        }
    }
}
