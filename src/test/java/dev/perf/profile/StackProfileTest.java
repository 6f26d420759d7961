package dev.perf.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StackProfileTest {
    private static final String COLLAPSED =
            """
            [main tid=1];a.Main.main_[j];a.Cache.get_[j];a.Cache.hash_[i] 60
            [main tid=1];a.Main.main_[j];a.Cache.get_[j] 30
            [worker tid=2];a.Main.loop;a.Cache.get;a.Cache.hash 10
            not a stack line
            """;

    @Test
    void methods_selfIsTheLeaf_totalCountsEachStackOnce() {
        StackProfile p = StackProfile.parse(COLLAPSED);
        assertThat(p.total()).isEqualTo(100);
        assertThat(p.topSelf(2))
                .containsExactly(
                        new StackProfile.MethodWeight("a.Cache.hash", 70, 70),
                        new StackProfile.MethodWeight("a.Cache.get", 30, 100));
        assertThat(p.topTotal(1)).containsExactly(new StackProfile.MethodWeight("a.Cache.get", 30, 100));
        assertThat(p.methods()).extracting(StackProfile.MethodWeight::method).noneMatch(m -> m.startsWith("["));
    }

    @Test
    void methods_recursionCountsOncePerStack() {
        StackProfile p = StackProfile.parse("a.f;a.f;a.f 5\n");
        assertThat(p.methods()).containsExactly(new StackProfile.MethodWeight("a.f", 5, 5));
    }

    @Test
    void allocationStacks_giveSelfToTheAllocationSite() {
        StackProfile p = StackProfile.parse(
                "a.Main.main;a.Buf.grow;byte[]_[k] 4096\na.Main.main;java.lang.String_[i] 64\n", true);
        assertThat(p.topSelf(2))
                .extracting(StackProfile.MethodWeight::method)
                .containsExactly("a.Buf.grow", "a.Main.main");
    }

    @Test
    void topChanges_comparesSharesNotCounts() {
        StackProfile before = StackProfile.parse("m;a 50\nm;b 50\n");
        StackProfile after = StackProfile.parse("m;a 300\nm;b 100\n");
        List<String[]> changes = DiffFlameGraph.topChanges(before, after, 5);
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0)).containsExactly("a", "50.00", "75.00", "+25.00");
        assertThat(changes.get(1)).containsExactly("b", "50.00", "25.00", "-25.00");
    }

    @Test
    void diffHtml_escapesFrameNames() {
        StackProfile before = StackProfile.parse("m;<script> 1\n");
        String html = DiffFlameGraph.html(before, before, "t<b>", List.of());
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;").doesNotContain("<b>");
    }

    @Test
    void colour_isRedForGrowthAndBlueForShrinkage() {
        assertThat(DiffFlameGraph.colour(0.05)).isEqualTo("rgb(245,75,75)");
        assertThat(DiffFlameGraph.colour(-0.05)).isEqualTo("rgb(75,115,245)");
        assertThat(DiffFlameGraph.colour(0)).isEqualTo("rgb(225,225,225)");
    }

    /**
     * #34: a profile of a JVM whose C2 threads took 61 % named a kernel frame ({@code pvm_irq_enable}) as its
     * hottest method. The headline is the innermost Java frame of each stack; the compiler's and the collector's
     * threads are counted apart.
     */
    @Test
    void theHottestJavaMethod_andTheJitAndGcThreadsShares() {
        StackProfile p = StackProfile.parse(String.join(
                "\n",
                "thread_native_entry;Thread::call_run;JavaThread::thread_main_inner;CompileBroker::compiler_thread_loop;"
                        + "C2Compiler::compile_method;pvm_irq_enable 61",
                "thread_native_entry;Thread::call_run;WorkerThread::run;G1ParTask::work;pvm_irq_enable 4",
                "java.lang.Thread.run;app.Server.handle;app.Codec.encode;java.lang.String.hashCode 20",
                "java.lang.Thread.run;app.Server.handle;app.Codec.encode 5",
                "java.lang.Thread.run;app.Server.read;sun.nio.ch.SocketDispatcher.read0;libc.so.6;__read;pvm_irq_enable 10",
                ""));
        assertThat(p.topSelf(1).get(0).method()).isEqualTo("pvm_irq_enable");
        StackProfile.MethodWeight java = p.hottestJava();
        assertThat(java.method()).isEqualTo("java.lang.String.hashCode");
        assertThat(java.self()).isEqualTo(20);
        double[] vm = p.jitAndGcShares();
        assertThat(vm[0]).isEqualTo(0.61);
        assertThat(vm[1]).isEqualTo(0.04);
        // a native call is its Java caller's: the read is sun.nio.ch.SocketDispatcher.read0's 10
        assertThat(StackProfile.isJava("sun.nio.ch.SocketDispatcher.read0")).isTrue();
        assertThat(StackProfile.isJava("libc.so.6")).isFalse();
        assertThat(StackProfile.isJava("CompileBroker::compiler_thread_loop")).isFalse();
        assertThat(StackProfile.isJava("pvm_irq_enable")).isFalse();
        assertThat(StackProfile.parse("thread_native_entry;pvm_irq_enable 3\n").hottestJava())
                .isNull();
    }
}
