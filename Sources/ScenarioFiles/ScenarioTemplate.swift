/// The scenario `dibao init` writes: a commented Chinese template that runs as written, for a
/// county office to copy and change (docs/使用说明.md walks through it).
public enum ScenarioTemplate {
    /// The template for `county` (a placeholder county when nil), covering `year` − 1 to `year` + 1.
    public static func text(county: String?, year: Int) -> String {
        let county = county ?? "示例县"
        let (first, last) = (year - 1, year + 1)
        return """
            # \(county)农村低保方案（由 dibao init 生成的模板，改动下面的数字即可）
            # 运行：dibao run 本文件   检查目标：dibao check 本文件   年度报告：dibao report 本文件 --out 报告
            # 金额可写“元”或“万元”（键名前加 wan_），比例可写 8% 或 0.08。每个数字都请写明来源（reference）或假设（assumption）。

            name: county-plan                      # 方案代号：只用英文字母、数字和 - _ .
            title: \(county)\(year)年农村低保方案          # 方案名称，报告中显示
            county: \(county)                          # 县名，报告标题中使用
            sign_off: {to: 县人民政府, unit: \(county)民政局, date: \(year + 1)年1月}   # 报告主送机关、落款单位和日期
            years: {from: \(first), to: \(last)}           # 测算的年份范围

            series:
              standard:                            # 低保标准
                unit: 元/人·年                      # 也可写 元/人·月
                values: {\(first): 6000, \(year): 6300, \(last): 6600}
                reference: 【待填写：文件名和文号】
              benefit:                             # 人均补助水平
                unit: 元/人·月
                values: {\(first): 350}
                proportional_to: standard          # 按低保标准提高幅度同比例提高
                assumption: 【待填写：上年实际人均补助水平】
              caseload:                            # 低保对象人数
                unit: 人
                values: {\(first): 20000}
                growth: -2%                        # 每年变化幅度（负数为减少）
                assumption: 【待填写：上年实际人数和预计变化】
              households:                          # 低保户数
                unit: 户
                values: {\(first): 10000}
                proportional_to: caseload

            budget:
              months: 12                           # 每年发放月数
              effective_month: {\(year): 7}             # 可选：\(year)年从7月起按新标准发放（年中提标）
              funding:                             # 资金来源：中央、省级、市级、县级
                central: {transfer: {wan_yuan: {\(first): 5000, \(year): 5200, \(last): 5400}}}   # 中央转移支付（万元）
                provincial: {share: 20%}           # 省级按资金需求的比例分担
                county: residual                   # 县级承担其余部分
              staff:                               # 可选：工作人员和工作经费
                recipients_per_worker: 400         # 每名工作人员服务的低保对象数
                wan_yuan_per_worker_year: 4        # 每人每年经费（万元）
                funding: {county: residual}        # 工作经费由县级承担
              assumption: 【待填写：资金分担办法的依据】

            uncertainty:                           # 可选：不确定性，dibao budget … --draws 10000 用它估计“有多大把握”
              growth_sd: {caseload: 3%}            # 低保对象人数年增长率的波动（标准差）
              assumption: 【待填写：波动幅度的依据，或用 dibao fit 从历年数据估计】

            targets:                               # 工作目标
              - {kind: standard_at_least, year: \(year), yuan_per_year: 6300}
              - {kind: benefit_at_least, year: \(year), yuan_per_month: 360}
              - {kind: county_budget_at_most, year: \(year), wan_yuan: 2500}

            # 可选：台账实际数（已过去的年份），报告中与计划对比；也可用 dibao report … --actuals 台账.csv
            # actuals:
            #   years:
            #     \(first): {households: 10050, persons: 20100, standard_yuan_per_year: 6000, benefit_yuan_per_month: 352, wan_yuan: {central: 5000, provincial: 1700, county: 1700}}

            """
    }
}
