"""The commands of ``chuyenhoa`` in the order ``--help`` lists them, each with its one-line summary.

Typer-free, like the strings it holds: ``chuyenhoa --help`` is drawn from this table by
:mod:`chuyenhoa.cli.fast` without importing typer or a command module, and :mod:`chuyenhoa.cli.app`
registers the commands in this order, each with the summary its module takes from here (``HELP``), so
the two cannot drift; ``tests/test_fast_cli.py`` compares what both print.
"""

from __future__ import annotations

from chuyenhoa.i18n import N_

__all__ = ["LANG_HELP", "PROGRAM_HELP", "SUMMARIES"]

#: What ``chuyenhoa --help`` says the program is.
PROGRAM_HELP = N_("Chuyển hóa địa bàn trọng điểm, phức tạp về TTATXH: kế hoạch của tỉnh thành mã chạy được.")
#: The help of ``--lang``, on the group and on every command.
LANG_HELP = N_("Ngôn ngữ của đầu ra: vi (tiếng Việt, mặc định) hoặc en (tiếng Anh)")
#: Command name → its summary, in the order ``--help`` lists them.
SUMMARIES: dict[str, str] = {
    "provinces": N_("Các tỉnh chạy được: gói tỉnh đã cài (phiên bản, kế hoạch, năm) và các tỉnh chưa có gói (kế "
        "hoạch toàn quốc); gói lỗi được liệt kê kèm lỗi."),
    "plan": N_("Chỉ tiêu, trần lựa chọn và mốc thời gian của kế hoạch, kèm điều khoản."),
    "evaluate": N_("Đánh giá kế hoạch của tỉnh: lựa chọn địa bàn, kết quả chuyển hóa, chỉ tiêu, mốc thời gian."),
    "new-province": N_("Tạo một gói tỉnh chạy được: pyproject, kế hoạch mẫu, danh mục xã, dữ liệu mẫu giả lập, kiểm "
        "thử."),
    "awards": N_("Khen thưởng: đối chiếu đề nghị với quy định của kế hoạch và đề xuất danh sách trong hạn mức."),
    "timeline": N_("Các mốc thời gian của kế hoạch, tình trạng tại một ngày, cơ quan chủ trì; xuất lịch .ics."),
    "template": N_("Mẫu bảng tính nhập liệu: một dòng mỗi xã, kiểm tra dữ liệu khi nhập, hướng dẫn và căn cứ của "
        "từng chỉ số."),
    "merge": N_("Gộp các tệp nhập liệu của từng huyện, xã (chuyenhoa template --by) thành một bảng tính của "
        "cả tỉnh."),
    "communes": N_("Các đơn vị hành chính cấp xã của một tỉnh có hiệu lực vào một ngày (mọi tỉnh, trước và sau "
        "01/07/2025)."),
    "lineage": N_("Một đơn vị hành chính cấp xã vào một ngày: hiệu lực, các đơn vị trước và sau sáp nhập "
        "01/07/2025."),
    "plugins": N_("Các plugin đã nạp (kể cả plugin có sẵn): gói cài đặt, phiên bản, tỉnh đăng ký và các hook "
        "cài đặt."),
    "history": N_("Kho lịch sử: ghi số liệu và kết luận từng năm, xem các phiên bản, con đường của từng xã qua "
        "các năm."),
}
